"""The shipped data files: lexicons of countries, cities, institutions, organizations, titles,
topics and event triggers (JSON), and the coordinates of places (``places.json``)."""
