"""For users of the package: browse it in Datasette, make the release zip."""
