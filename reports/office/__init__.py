"""The committee office's reports over its branches, with the committee's own header."""
