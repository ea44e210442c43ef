"""ChiBo's Qt widgets: gui.core (shared pieces), one package per tab, and the main window that wires them.

Tabs never import each other; they call models/ operations and show what they return.
"""
