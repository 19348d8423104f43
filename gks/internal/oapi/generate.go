// Package oapi is generated from gks/openapi.yaml: wire models, request
// builders, and the server routing gkstest uses. The public surface lives in
// package gks.
package oapi

//go:generate go -C ../../../internal/tools run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config ../../gks/internal/oapi/config.yaml ../../gks/openapi.yaml
