"""The street office's performance evaluation (绩效评价, docs/performance.md): the fiscal
self-evaluation of its purchase of the station's services, scored by the `performance-2020`
scheme family from the same data as the evaluation plus budget figures and narrative."""
