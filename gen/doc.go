// Package gen writes generated sites of made-up departments, for tests and
// benchmarks (disclose gen): forms of every shape the content format
// allows, all passing the checks, the same for the same seed.
package gen
