// Package oapi is generated from servicemobility/openapi.yaml: wire models and
// request builders. The public surface lives in package servicemobility.
package oapi

//go:generate go -C ../../../internal/tools run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config ../../servicemobility/internal/oapi/config.yaml ../../servicemobility/openapi.yaml
