"""The branch's life between congresses for both front ends: its meetings' papers (a vote's resolution, decision or
proposal), the congress ordinal to suggest, the leadership as the screens show it."""
