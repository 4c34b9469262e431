"""Design tools of the training side: grid systems (:mod:`governance_kit.design.grid`)."""
