"""The assistant room: a message in, an answer out (DESIGN.md section 2)."""
