"""A message in, an answer out: the assistant's pipeline, NLU, skills and security."""
