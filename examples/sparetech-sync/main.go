// Command sparetech-sync polls SPARETECH for Ready creation, change and
// extension intents, applies them to a small ERP kept in a JSON file, and
// confirms each (a creation with the ERP's new material number).
//
// Without SPARETECH_CLIENT_ID and SPARETECH_CLIENT_SECRET it runs against
// the in-process fake (sparetechtest) with its sample intents. With them it
// uses the SPARETECH sandbox, or production when SPARETECH_ENV=production
// (SPARETECH_BASE_URL and SPARETECH_TOKEN_URL point it elsewhere, such as a
// proxy or a fake); the token is cached in the user cache directory,
// because SPARETECH rations tokens per day.
//
//	go run ./examples/sparetech-sync [-erp file] [-fresh] [-debug]
package main

import (
	"context"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"github.com/partsync/partsync-go/auth"
	"github.com/partsync/partsync-go/sparetech"
	"github.com/partsync/partsync-go/sparetech/sparetechtest"
)

//go:embed testdata/erp.json
var sampleERP []byte

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "sparetech-sync:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("sparetech-sync", flag.ContinueOnError)
	fs.SetOutput(stdout)
	erpPath := fs.String("erp", filepath.Join(os.TempDir(), "sparetech-sync-erp.json"), "the ERP's JSON file (created from the built-in sample when missing)")
	debug := fs.Bool("debug", false, "log every request and token renewal at debug level (secrets are never logged)")
	fresh := fs.Bool("fresh", false, "start the ERP file over from the built-in sample (always done on the fake)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}

	client, target, cleanup, err := connect(debugLogger(*debug, stdout))
	if err != nil {
		return err
	}
	defer cleanup()
	if target == "fake" {
		*fresh = true
	}
	if err := prepareERP(*erpPath, *fresh); err != nil {
		return err
	}
	erp, err := openFileERP(*erpPath)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "sparetech-sync: %s, ERP file %s\n", describeTarget(target), *erpPath)
	s := &Syncer{Client: client, ERP: erp, Out: stdout}
	sum, err := s.Run(ctx)
	fmt.Fprintf(stdout, "summary: %d created, %d changed, %d extended, %d confirmed, %d rejected, %d failed; ERP has %d materials\n",
		sum.Created, sum.Changed, sum.Extended, sum.Confirmed, sum.Rejected, sum.Failed, len(erp.Numbers()))
	if err != nil {
		return err
	}
	if sum.Failed > 0 {
		return fmt.Errorf("%d intents failed (left Ready for the next run)", sum.Failed)
	}
	return nil
}

// connect builds a client for the fake or the real API.
func connect(log *slog.Logger) (*sparetech.Client, string, func(), error) {
	id, secret := os.Getenv("SPARETECH_CLIENT_ID"), os.Getenv("SPARETECH_CLIENT_SECRET")
	if id == "" && secret == "" {
		srv := sparetechtest.NewServer()
		c, err := sparetech.NewClient(srv.Credentials(), append(srv.Options(), sparetech.WithLogger(log))...)
		if err != nil {
			srv.Close()
			return nil, "", nil, err
		}
		return c, "fake", srv.Close, nil
	}
	if id == "" || secret == "" {
		return nil, "", nil, errors.New("set both SPARETECH_CLIENT_ID and SPARETECH_CLIENT_SECRET, or neither to use the fake")
	}
	env := sparetech.Sandbox
	switch e := strings.ToLower(strings.TrimSpace(os.Getenv("SPARETECH_ENV"))); e {
	case "", "sandbox":
	case "production":
		env = sparetech.Production
	default:
		return nil, "", nil, fmt.Errorf("SPARETECH_ENV=%q: want sandbox or production", e)
	}
	opts := []sparetech.Option{sparetech.WithEnvironment(env), sparetech.WithUserAgent("sparetech-sync-example"), sparetech.WithLogger(log)}
	target, tokenName := string(env), string(env)
	if u := strings.TrimSpace(os.Getenv("SPARETECH_BASE_URL")); u != "" {
		opts = append(opts, sparetech.WithBaseURL(u))
		// A token of another API root must not be handed to this one.
		target, tokenName = "at "+u, "custom-"+safe(u)
	}
	if u := strings.TrimSpace(os.Getenv("SPARETECH_TOKEN_URL")); u != "" {
		opts = append(opts, sparetech.WithTokenURL(u))
	}
	if dir, err := os.UserCacheDir(); err == nil {
		dir = filepath.Join(dir, "partsync")
		if err := os.MkdirAll(dir, 0o700); err == nil {
			// One token per API root and client id, reused across runs.
			opts = append(opts, sparetech.WithTokenStore(auth.NewFileStore(filepath.Join(dir, "sparetech-"+tokenName+"-"+safe(id)+".token"))))
		}
	}
	c, err := sparetech.NewClient(sparetech.Credentials{ClientID: id, ClientSecret: secret}, opts...)
	return c, target, func() {}, err
}

func describeTarget(target string) string {
	if target == "fake" {
		return "in-process fake SPARETECH (SPARETECH_CLIENT_ID/SECRET not set)"
	}
	return "SPARETECH " + target
}

// prepareERP writes the sample ERP to path when asked or when it is missing.
func prepareERP(path string, fresh bool) error {
	if !fresh {
		if _, err := os.Stat(path); err == nil {
			return nil
		}
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, sampleERP, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// safe keeps a client id usable in a file name.
func safe(s string) string {
	out := []rune(s)
	for i, r := range out {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			out[i] = '_'
		}
	}
	return string(out)
}

// debugLogger returns the clients' logger: nil (silent) unless -debug, then
// every HTTP attempt and token renewal at debug level, written to w with the
// program's output. The SDK never logs a secret.
func debugLogger(on bool, w io.Writer) *slog.Logger {
	if !on {
		return nil
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}
