"""报告核对: the district bureau and the city upload any agency's report, see `pinggu check`'s
result with each problem marked in its context, download it as .xlsx, and keep who checked what."""
