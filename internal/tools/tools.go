//go:build tools

// Package tools pins the code generator in its own module so that it never
// enters the module graph of a program that imports partsync-go.
package tools

import (
	_ "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen"
)
