"""Design tools of the training side (lectures 06–08): plan and check a design, simulate it, write it up.

- :mod:`.grid` — grid systems: plan the grids of a community, validate them against ``data/standards.yaml``;
  :mod:`.grid_simulation` — events handled along the grid ladder (SimPy).
- :mod:`.deliberation` — deliberation procedures: templates, legal validation against
  ``data/deliberation_rules.yaml``, Mermaid flowcharts, Monte Carlo of the deciding meeting.
- :mod:`.findings` — what both validators report (:class:`~.findings.Finding`, ``DesignError``);
  :mod:`.simulation` — what both simulators return (:class:`~.simulation.SimulationResult`).
- :mod:`.brief` — the design brief of both designs; written once as blocks (:mod:`.blocks`), rendered
  as Markdown there and as Word by :mod:`.word`; the flowchart drawn by :mod:`.flowchart` (matplotlib),
  the simulations' assumptions tabled by :mod:`.assumptions`, the trainee's reasoning and adopted
  mechanisms by :mod:`.sections`, full-width punctuation set by :mod:`.typography`.
- :mod:`.teaching` — the invented teaching cases (``data/teaching_cases.yaml``).
- :mod:`.community_form` — the 村情填报表, an Excel/WPS workbook in which a trainee describes their own
  community, written and read back with every problem named by sheet, row and column (cells read by
  :mod:`.form_cells`, sheets laid out by :mod:`.form_layout`); :mod:`.sensitivity` — the deliberation
  simulation rerun with every attendance estimate shifted (lecture 08, exercise 8.3).
"""
