// tinyaot: pass schedule (see schedule.h).
#include "passes/schedule.h"

#include <algorithm>
#include <functional>
#include <map>

#include "passes/inplace_plan.h"

namespace tinyaot {

namespace {

/// Predecessors of each op: producers of its inputs, and the previous op touching the same variable.
std::vector<std::vector<std::size_t>> dependencies(const Graph& g) {
  const std::size_t n = g.ops.size();
  std::map<int, std::size_t> producer, last_state_user;
  std::vector<std::vector<std::size_t>> deps(n);
  for (std::size_t s = 0; s < n; ++s) {
    const Op& op = g.ops[s];
    auto touch = [&](int id) {
      if (id < 0) return;
      if (auto p = producer.find(id); p != producer.end()) deps[s].push_back(p->second);
      if (g.tensor(id).is_variable || g.storage(id).is_variable) {
        if (auto v = last_state_user.find(g.storage(id).id); v != last_state_user.end() && v->second != s)
          deps[s].push_back(v->second);
        last_state_user[g.storage(id).id] = s;
      }
    };
    for (int id : op.inputs) touch(id);
    for (int id : op.outputs) touch(id);
    for (int id : op.outputs) producer[id] = s;
  }
  return deps;
}

/// Bytes an op frees (inputs it reads last) minus the bytes it creates, in the stored order.
std::vector<long long> memory_gain(const Graph& g) {
  std::map<int, std::size_t> last_reader;
  for (std::size_t s = 0; s < g.ops.size(); ++s)
    for (int id : g.ops[s].inputs)
      if (id >= 0 && !g.tensor(id).is_const) last_reader[g.storage(id).id] = s;
  std::vector<long long> gain(g.ops.size(), 0);
  for (std::size_t s = 0; s < g.ops.size(); ++s) {
    for (int id : g.ops[s].outputs) gain[s] -= static_cast<long long>(g.tensor(id).bytes());
    for (const auto& [id, s_last] : last_reader)
      if (s_last == s && !g.is_graph_output(id)) gain[s] += static_cast<long long>(g.tensor(id).bytes());
  }
  return gain;
}

/// List scheduling: repeatedly takes the ready op that `before` ranks first.
std::vector<std::size_t> list_schedule(const std::vector<std::vector<std::size_t>>& deps,
                                       const std::function<bool(std::size_t, std::size_t)>& before,
                                       std::vector<std::size_t>& done_at) {
  const std::size_t n = deps.size();
  std::vector<std::size_t> order;
  std::vector<bool> done(n, false);
  done_at.assign(n, 0);
  while (order.size() < n) {
    std::size_t pick = n;
    for (std::size_t s = 0; s < n; ++s) {
      if (done[s]) continue;
      bool ready = true;
      for (std::size_t d : deps[s]) ready = ready && done[d];
      if (ready && (pick == n || before(s, pick))) pick = s;
    }
    done[pick] = true;
    done_at[pick] = order.size();
    order.push_back(pick);
  }
  return order;
}

}  // namespace

std::vector<std::vector<std::size_t>> candidate_orders(const Graph& g) {
  const auto deps = dependencies(g);
  const auto gain = memory_gain(g);
  std::vector<std::size_t> at;
  // Depth first: the op whose latest predecessor ran most recently continues that branch.
  auto recency = [&](std::size_t s) {
    std::size_t r = 0;
    for (std::size_t d : deps[s]) r = std::max(r, at[d] + 1);
    return r;
  };
  std::vector<std::vector<std::size_t>> orders;
  auto add = [&](std::vector<std::size_t> o) {
    if (std::find(orders.begin(), orders.end(), o) == orders.end()) orders.push_back(std::move(o));
  };
  add(list_schedule(deps, [](std::size_t a, std::size_t b) { return a < b; }, at));
  add(list_schedule(deps, [](std::size_t a, std::size_t b) { return a > b; }, at));
  add(list_schedule(deps, [&](std::size_t a, std::size_t b) {
        return recency(a) != recency(b) ? recency(a) > recency(b) : a < b;
      }, at));
  add(list_schedule(deps, [&](std::size_t a, std::size_t b) { return gain[a] != gain[b] ? gain[a] > gain[b] : a < b; },
                    at));
  return orders;
}

void reorder_ops(Graph& g, const std::vector<std::size_t>& order) {
  std::vector<Op> ops;
  ops.reserve(order.size());
  for (std::size_t s : order) ops.push_back(std::move(g.ops[s]));
  g.ops = std::move(ops);
}

void Schedule::run(Graph& g, const PassOptions& opts) {
  if (!opts.npu.empty() || g.ops.size() < 3) return;  // NPU partitions follow the stored order
  const auto orders = candidate_orders(g);
  if (orders.size() < 2) return;
  const std::vector<Op> stored = g.ops;
  std::size_t best_total = 0, best = 0;
  for (std::size_t k = 0; k < orders.size(); ++k) {
    reorder_ops(g, orders[k]);
    const std::size_t total = plan_inplace(g, opts.alignment, true, false).plan.total;
    g.ops = stored;
    if (k == 0 || total < best_total) {
      best_total = total;
      best = k;
    }
  }
  if (best != 0) reorder_ops(g, orders[best]);
}

}  // namespace tinyaot
