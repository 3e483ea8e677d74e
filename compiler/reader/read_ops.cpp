// tinyaot: reader phases 2, 4 and 6: operator codes, operators and graph inputs/outputs with their index
// and execution-order checks; then which operators we support (registry) and their attributes.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "compiler/ops/registry.h"
#include "compiler/reader/reader.h"
#include "compiler/reader/reader_internal.h"

namespace tinyaot::reader {

namespace {

constexpr int kCustomCode = static_cast<int>(tfl::BuiltinOperator::CUSTOM);

const tfl::Operator& source_op(const ReadContext& c, int index) {
  return *c.subgraph->operators()->Get(static_cast<flatbuffers::uoffset_t>(index));
}

int op_code(const ReadContext& c, int index) { return c.op_codes[source_op(c, index).opcode_index()]; }

std::vector<int> tensor_list(const flatbuffers::Vector<int32_t>* v) {
  return v ? std::vector<int>(v->begin(), v->end()) : std::vector<int>();
}

void read_op_codes(ReadContext& c) {
  const auto* codes = c.model->operator_codes();
  if (!codes) return;
  for (const tfl::OperatorCode* code : *codes) {
    // Codes past 127 live only in builtin_code; older files only have deprecated_builtin_code.
    c.op_codes.push_back(std::max<int>(code->deprecated_builtin_code(), static_cast<int>(code->builtin_code())));
  }
}

void read_graph_io(ReadContext& c, int num_tensors) {
  Graph& g = *c.graph;
  g.inputs = tensor_list(c.subgraph->inputs());
  g.outputs = tensor_list(c.subgraph->outputs());
  for (const auto* list : {&g.inputs, &g.outputs})
    for (int id : *list)
      if (id < 0 || id >= num_tensors)
        throw Error(ErrorKind::kInvalidModel,
                    fmt::format("graph {} refers to tensor {}, out of range (the subgraph has {} tensors)",
                                list == &g.inputs ? "input" : "output", id, num_tensors));
}

/// Every input an operator reads must exist when it runs: constants, variables and graph inputs from
/// the start, everything else once an earlier operator wrote it. This also rules out cycles.
void check_order(const ReadContext& c) {
  const Graph& g = *c.graph;
  const std::size_t n = g.tensors.size();
  std::vector<int> producer(n, -1);
  std::vector<bool> available(n, false);
  for (const Tensor& t : g.tensors) available[static_cast<std::size_t>(t.id)] = t.is_const || t.is_variable;
  for (int id : g.inputs) available[static_cast<std::size_t>(id)] = true;
  for (const Op& op : g.ops)
    for (int id : op.outputs) {
      const std::size_t k = static_cast<std::size_t>(id);
      if (g.tensors[k].is_const) fail_op(c, op.index, ErrorKind::kInvalidModel, fmt::format("writes to constant tensor {}", id));
      if (producer[k] >= 0)
        fail_op(c, op.index, ErrorKind::kInvalidModel,
                fmt::format("writes tensor {}, which op {} also writes", id, producer[k]));
      producer[k] = op.index;
    }
  for (const Op& op : g.ops) {
    for (int id : op.inputs) {
      if (id < 0 || available[static_cast<std::size_t>(id)]) continue;
      const int p = producer[static_cast<std::size_t>(id)];
      if (p < 0)
        fail_op(c, op.index, ErrorKind::kInvalidModel,
                fmt::format("reads tensor {}, which is neither a constant, a graph input nor written by any operator", id));
      fail_op(c, op.index, ErrorKind::kInvalidModel,
              fmt::format("reads tensor {} before op {} writes it (operators are not in execution order, or form a cycle)",
                          id, p));
    }
    for (int id : op.outputs) available[static_cast<std::size_t>(id)] = true;
  }
  for (int id : g.outputs)
    if (!available[static_cast<std::size_t>(id)])
      fail_tensor(c, id, ErrorKind::kInvalidModel, "graph output is never written");
}

/// Custom operators are opaque (an "ethos-u" op reads scratch tensors nobody writes): the ones the
/// registry knows adopt their operator before the execution-order check (custom_op.h); the others are
/// refused before that check could misreport them.
void accept_or_reject_custom_ops(ReadContext& c) {
  for (Op& op : c.graph->ops) {
    if (op_code(c, op.index) != kCustomCode) continue;
    const auto* custom = c.model->operator_codes()->Get(source_op(c, op.index).opcode_index())->custom_code();
    const std::string name = custom ? custom->str() : std::string();
    if (const CustomOpDef* def = find_custom_op(name)) {
      op.def = def;
      def->adopt(*c.model, *c.graph, op);
      continue;
    }
    std::string msg = fmt::format("custom operator '{}' is not supported", name);
    if (name == "ethos-u") msg += " (the model was compiled by Vela for an Ethos-U NPU; use the model from before Vela)";
    fail_op(c, op.index, ErrorKind::kUnsupported, msg);
  }
}

}  // namespace

void read_structure(ReadContext& c) {
  read_op_codes(c);
  Graph& g = *c.graph;
  const int nt = static_cast<int>(g.tensors.size());
  const auto* ops = c.subgraph->operators();
  const std::size_t count = ops ? ops->size() : 0;
  if (count > static_cast<std::size_t>(kMaxOps))
    throw Error(ErrorKind::kDoesNotFit,
                fmt::format("the model has {} operators; tinyaot compiles at most {}", count, kMaxOps));
  const int n = static_cast<int>(count);
  for (int i = 0; i < n; ++i) {
    const tfl::Operator& src = source_op(c, i);
    if (src.opcode_index() >= c.op_codes.size())
      fail_op(c, i, ErrorKind::kInvalidModel,
              fmt::format("operator code index {} is out of range (the model has {} operator codes)",
                          src.opcode_index(), c.op_codes.size()));
    Op op;
    op.index = i;
    op.inputs = tensor_list(src.inputs());
    op.outputs = tensor_list(src.outputs());
    for (std::size_t k = 0; k < op.inputs.size(); ++k) {
      const int id = op.inputs[k];
      if (id != -1 && (id < 0 || id >= nt))  // -1 marks an omitted optional input
        fail_op(c, i, ErrorKind::kInvalidModel,
                fmt::format("input {} refers to tensor {}, out of range (the subgraph has {} tensors)", k, id, nt));
    }
    for (std::size_t k = 0; k < op.outputs.size(); ++k) {
      const int id = op.outputs[k];
      if (id < 0 || id >= nt)
        fail_op(c, i, ErrorKind::kInvalidModel,
                fmt::format("output {} refers to tensor {}, out of range (the subgraph has {} tensors)", k, id, nt));
    }
    g.ops.push_back(std::move(op));
  }
  read_graph_io(c, nt);
  accept_or_reject_custom_ops(c);
  check_order(c);
  c.referenced.assign(g.tensors.size(), false);
  for (const Op& op : g.ops) {
    for (int id : op.inputs)
      if (id >= 0) c.referenced[static_cast<std::size_t>(id)] = true;
    for (int id : op.outputs) c.referenced[static_cast<std::size_t>(id)] = true;
  }
  for (int id : g.inputs) c.referenced[static_cast<std::size_t>(id)] = true;
  for (int id : g.outputs) c.referenced[static_cast<std::size_t>(id)] = true;
}

void resolve_ops(ReadContext& c) {
  const Op* first = nullptr;
  std::set<std::string> others;  // named too, so one run shows everything that is missing
  for (Op& op : c.graph->ops) {
    if (op.def) continue;  // a custom operator the registry knows
    const int code = op_code(c, op.index);
    op.def = find_op(code);
    if (op.def) continue;
    if (!first) first = &op;
    else if (code != op_code(c, first->index)) others.insert(builtin_name(code));
  }
  if (!first) return;
  const int code = op_code(c, first->index);
  std::string msg = fmt::format("operator {} (builtin code {}) is not supported", builtin_name(code), code);
  if (!others.empty()) msg += fmt::format(" (the model also uses unsupported {})", fmt::join(others, ", "));
  fail_op(c, first->index, ErrorKind::kUnsupported, msg);
}

void parse_ops(ReadContext& c) {
  for (Op& op : c.graph->ops) {
    try {
      op.attrs = op.def->parse(source_op(c, op.index), op);
    } catch (Error& e) {
      if (e.op_index() < 0) e.at_op(op.index, op.type());
      throw;
    } catch (const std::exception& e) {
      throw Error(ErrorKind::kInternal, fmt::format("reading the operator options failed: {}", e.what()))
          .at_op(op.index, op.type());
    }
  }
}

}  // namespace tinyaot::reader
