// Package demo builds the deterministic demo dataset of the Samara region:
// authorities, the register of services, data kinds, service passports,
// process charts and users, each plan saying where its document should end up
// in the workflow. A loader turns the dataset into database rows through the
// real workflow, so the package itself writes nothing.
//
// The figures follow the pilot region's report as of 1 December 2011: 331
// state and 2,036 municipal services, passports for 331 and 1,501 of them,
// 112 and 503 moved to interdepartmental interaction, 112 and 411 charts
// agreed, 106 state charts approved by the commission.
package demo
