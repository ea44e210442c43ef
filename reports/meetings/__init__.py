"""The papers of the branch's meetings between congresses (a vote's resolution, decision or proposal), written
from plain data with the Party layout of reports/core."""
