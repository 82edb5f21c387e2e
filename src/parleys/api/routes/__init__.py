"""One routes module per resource; ``pages`` holds the HTML twins of the JSON routes."""
