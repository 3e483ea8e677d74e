  // op {{index}}: {{type}} -> {{outputs}}
  {
{{code}}  }
