"""The course side of the kit: exercise checks with Chinese hints (:mod:`.feedback`, :mod:`.checks`),
notebook cells in nbgrader's format (:mod:`.authoring`), the trainee release (:mod:`.release`) and
local grading of submissions (:mod:`.grading`). Nothing here imports nbgrader until it is needed."""
