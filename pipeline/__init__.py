"""Turn Chinese government work reports into a validated Frictionless data package.

Stages (see dvc.yaml): extract -> normalize -> validate, and docs and chart
beside them. Each stage is a module with a ``main()``; ``python -m pipeline``
is the command-line interface (which no stage imports).
"""
