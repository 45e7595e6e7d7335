// Screen composition: see DESIGN.md.
