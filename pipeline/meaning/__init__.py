"""What it means: each figure's role, measure, year, period, place and subject;
projects; the codebook of concepts; the headline within a report and the
scorecard across reports; quality flags on reports that look wrong."""
