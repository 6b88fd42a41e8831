"""Rule kinds, rule packs and the glossary engine."""
