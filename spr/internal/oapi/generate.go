// Package oapi is generated from spr/openapi.yaml: wire models and request
// builders. The public surface lives in package spr.
package oapi

//go:generate go -C ../../../internal/tools run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config ../../spr/internal/oapi/config.yaml ../../spr/openapi.yaml
