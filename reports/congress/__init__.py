"""Congress papers: attendance list, summary, short-bio list, show-of-hands record, ballot papers."""
