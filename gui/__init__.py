"""ChiBo's Qt widgets, dialogs and item models; they call into models/ and show what it returns."""
