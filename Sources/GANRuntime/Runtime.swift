// The training runtime: see DESIGN.md, section Threads.
