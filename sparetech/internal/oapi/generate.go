// Package oapi is generated from sparetech/openapi.yaml: wire models and
// request builders. The public surface lives in package sparetech.
package oapi

//go:generate go -C ../../../internal/tools run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config ../../sparetech/internal/oapi/config.yaml ../../sparetech/openapi.yaml
