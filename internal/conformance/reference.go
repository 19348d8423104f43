package conformance

import (
	"os"
	"path/filepath"
	"testing"
)

// ReferenceDir returns ../shared/reference/<parts...> next to the module
// root (the directory holding go.mod), where the vendors' published
// documents live. When it is missing, the test fails if the environment
// variable CI is set (CI must not skip conformance), and is skipped with a
// clear message otherwise.
func ReferenceDir(t testing.TB, parts ...string) string {
	t.Helper()
	root, err := moduleRoot()
	if err != nil {
		t.Fatalf("conformance: %v", err)
	}
	dir := filepath.Join(append([]string{root, "..", "shared", "reference"}, parts...)...)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		msg := "conformance: the vendor reference documents are not at " + dir +
			" (expected ../shared/reference beside the repository)"
		if os.Getenv("CI") != "" {
			t.Fatal(msg + "; CI must not skip conformance")
		}
		t.Skip(msg + "; skipping")
	}
	return dir
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}
