"""Building blocks shared by the pages."""
