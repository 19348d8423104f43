// Package clientopt holds the options every vendor package's NewClient takes.
// Vendor packages alias Option and forward the shared With* functions, so the
// set is written once.
package clientopt
