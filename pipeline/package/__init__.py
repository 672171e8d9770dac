"""The published package: the descriptor and its columns, the byte spans of
rows in the committed CSVs, and publishing a staged package in one swap."""
