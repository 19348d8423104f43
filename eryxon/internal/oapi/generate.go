// Package oapi is generated from eryxon/openapi.yaml: wire models (column
// names) and request builders. The public surface lives in package eryxon.
package oapi

//go:generate go -C ../../../internal/tools run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config ../../eryxon/internal/oapi/config.yaml ../../eryxon/openapi.yaml
