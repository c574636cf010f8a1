"""The numeric engine: normalisations, methods, weights, sensitivity.

Pure numpy; imports neither rich, typer nor yaml.
"""
