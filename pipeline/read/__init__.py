"""What is written: a report's text decoded and cleaned, its outline (header,
sections), and every number in it with its unit and qualifiers. Nothing here
decides what a figure means."""
