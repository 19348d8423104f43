// Package wire holds the GKS4 customer bodies as the SDK decodes them on
// its hot paths (Customers.Get and List): the generated models' fields
// (gks/internal/oapi) under the same JSON names, but with value fields and
// the leaf types of internal/wiredecode instead of a pointer per field,
// which cost an allocation each. The leaf types decode as the generated
// pointer fields do: a null clears the field, a value of the wrong type is
// an error.
package wire
