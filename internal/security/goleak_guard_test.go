package security

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEveryTestPackageChecksForLeaks: every directory of the module with
// tests has a TestMain that runs goleak.VerifyTestMain, so a goroutine
// leaked by any test (an unclosed response body, a fake left running, a
// stuck retry) fails CI. A new package without it fails here.
func TestEveryTestPackageChecksForLeaks(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("module root not found at %s: %v", root, err)
	}
	withTests := map[string]bool{}
	guarded := map[string]bool{}
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "vendor") {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil && path != root {
				return filepath.SkipDir // another module (internal/tools)
			}
			return nil
		}
		if !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		dir := filepath.Dir(path)
		withTests[dir] = true
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.Contains(string(b), "goleak.VerifyTestMain(m") {
			guarded[dir] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(withTests) < 10 {
		t.Fatalf("found only %d test directories under %s: the walk is broken", len(withTests), root)
	}
	for dir := range withTests {
		if !guarded[dir] {
			rel, _ := filepath.Rel(root, dir)
			t.Errorf("%s has tests but no TestMain calling goleak.VerifyTestMain", rel)
		}
	}
}
