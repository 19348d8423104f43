package security

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"testing"
)

// secretName matches identifiers that hold a secret or something derived
// from one.
var secretName = regexp.MustCompile(`(?i)pass|secret|sig|digest|mac|code|token|key|got|want`)

// TestSecretsComparedInConstantTime inspects the functions that check a
// caller's secret: each compares with subtle.ConstantTimeCompare or
// hmac.Equal, and none compares a secret with ==, !=, bytes.Equal or
// strings.EqualFold (which stop at the first differing byte and so leak
// how much of a guess was right); comparing with a literal (a public
// prefix) is fine. The JWT check of the Parts Ordering handler delegates to
// golang-jwt v5, whose HS256 Verify compares with hmac.Equal.
func TestSecretsComparedInConstantTime(t *testing.T) {
	checks := []struct{ file, fn string }{
		{"servicemobility/static_users.go", "Authenticate"},
		{"eryxon/webhook.go", "VerifyWebhook"},
	}
	for _, c := range checks {
		t.Run(c.file+"/"+c.fn, func(t *testing.T) {
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, filepath.Join("..", "..", c.file), nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			var body *ast.BlockStmt
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == c.fn {
					body = fd.Body
				}
			}
			if body == nil {
				t.Fatalf("%s not found in %s", c.fn, c.file)
			}
			constant, problems := inspectComparisons(fset, body)
			for _, p := range problems {
				t.Error(p)
			}
			if !constant {
				t.Errorf("%s compares no secret in constant time", c.fn)
			}
		})
	}
}

// inspectComparisons reports whether body compares in constant time, and
// every variable-time comparison of a secret in it.
func inspectComparisons(fset *token.FileSet, body ast.Node) (constant bool, problems []string) {
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			switch callName(n) {
			case "subtle.ConstantTimeCompare", "hmac.Equal":
				constant = true
			case "bytes.Equal", "strings.EqualFold", "bytes.Compare", "strings.Compare":
				if !hasLiteral(n.Args...) { // a public constant ("sha256=") leaks nothing
					problems = append(problems, fmt.Sprintf("%s: %s compares in variable time", fset.Position(n.Pos()), callName(n)))
				}
			}
		case *ast.BinaryExpr:
			if (n.Op == token.EQL || n.Op == token.NEQ) && (isSecret(n.X) || isSecret(n.Y)) && !hasLiteral(n.X, n.Y) {
				problems = append(problems, fmt.Sprintf("%s: a secret compared with %s", fset.Position(n.Pos()), n.Op))
			}
		}
		return true
	})
	return constant, problems
}

// TestComparisonInspectorCatchesVariableTime keeps the inspection honest:
// it flags ==, bytes.Equal and a missing constant-time call.
func TestComparisonInspectorCatchesVariableTime(t *testing.T) {
	src := `package p
func a(password, want string) bool { return password == want }
func b(sig, mac []byte) bool { return bytes.Equal(sig, mac) }
func c(sig []byte) bool { return len(sig) == 32 && hmac.Equal(sig, sig) }`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		constant bool
		problems int
	}{"a": {false, 1}, "b": {false, 1}, "c": {true, 0}}
	for _, d := range f.Decls {
		fd := d.(*ast.FuncDecl)
		constant, problems := inspectComparisons(fset, fd.Body)
		if w := want[fd.Name.Name]; constant != w.constant || len(problems) != w.problems {
			t.Errorf("%s: constant %v, %d problems; want %v, %d", fd.Name.Name, constant, len(problems), w.constant, w.problems)
		}
	}
}

func callName(c *ast.CallExpr) string {
	if sel, ok := c.Fun.(*ast.SelectorExpr); ok {
		if x, ok := sel.X.(*ast.Ident); ok {
			return x.Name + "." + sel.Sel.Name
		}
	}
	return ""
}

// isSecret reports an operand that names a secret; lengths, counts and
// results of constant-time comparisons (ints) do not count.
func isSecret(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Ident:
		return secretName.MatchString(e.Name)
	case *ast.SelectorExpr:
		return secretName.MatchString(e.Sel.Name)
	case *ast.IndexExpr:
		return isSecret(e.X)
	case *ast.SliceExpr:
		return isSecret(e.X)
	case *ast.CallExpr:
		return isStringConv(e)
	}
	return false
}

// hasLiteral reports an operand that is a constant literal or nil: a
// comparison with a public value leaks nothing.
func hasLiteral(es ...ast.Expr) bool {
	for _, e := range es {
		switch e := e.(type) {
		case *ast.BasicLit:
			return true
		case *ast.Ident:
			if e.Name == "nil" {
				return true
			}
		}
	}
	return false
}

func isStringConv(c *ast.CallExpr) bool {
	id, ok := c.Fun.(*ast.Ident)
	return ok && id.Name == "string" && len(c.Args) == 1 && isSecret(c.Args[0])
}
