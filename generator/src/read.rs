//! Reading a docs tree: every file accounted for, pages read in parallel.
