package apierror

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestErrorString(t *testing.T) {
	cases := []struct {
		name string
		e    *Error
		want string
	}{
		{"status with code and message", &Error{Vendor: "sparetech", Method: "GET", URL: "https://h/v1/x", StatusCode: 404, Code: "not_found", Message: "no intent", RequestID: "r1"},
			"sparetech: GET https://h/v1/x: 404 not_found: no intent [request id r1]"},
		{"op replaces method and url", &Error{Vendor: "spr", Op: "products.get", Method: "GET", URL: "https://h/p", StatusCode: 500, Message: "boom"},
			"spr: products.get: 500: boom"},
		{"network", &Error{Vendor: "gks", Method: "POST", URL: "https://h/c", Err: errors.New("connection refused")},
			"gks: POST https://h/c: connection refused"},
		{"outcome unknown kind", &Error{Method: "POST", URL: "https://h/c", Err: errors.New("EOF"), Kind: ErrOutcomeUnknown},
			"POST https://h/c: EOF (" + ErrOutcomeUnknown.Error() + ")"},
		{"vendor kind on status", &Error{StatusCode: 409, Message: "exists", Kind: ErrConflict}, "409: exists (conflict)"},
		{"message without status", &Error{Message: "rate limit spent", Kind: ErrRateLimited}, "rate limit spent (rate limited)"},
		{"status and cause", &Error{StatusCode: 503, Message: "down", Err: context.DeadlineExceeded}, "503: down: context deadline exceeded"},
		{"kind already in cause", &Error{Err: fmt.Errorf("%w: bad", ErrDecode), Kind: ErrDecode, StatusCode: 200}, "200: response could not be decoded: bad"},
		{"empty", &Error{}, "request failed"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.e.Error(); got != tc.want {
				t.Fatalf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestErrorStringHasNoBody(t *testing.T) {
	e := &Error{StatusCode: 400, Message: "bad", Body: []byte("password=hunter2")}
	if strings.Contains(e.Error(), "hunter2") || strings.Contains(fmt.Sprintf("%v %+v", e, e), "hunter2") {
		t.Fatal("body in error text")
	}
}

func TestIsClasses(t *testing.T) {
	all := []error{ErrBadRequest, ErrUnauthorized, ErrForbidden, ErrNotFound, ErrConflict, ErrRateLimited, ErrServer, ErrNetwork, ErrOutcomeUnknown, ErrDecode, ErrInvalidInput}
	cases := []struct {
		e    *Error
		want []error
	}{
		{&Error{StatusCode: 400}, []error{ErrBadRequest}},
		{&Error{StatusCode: 422}, []error{ErrBadRequest}},
		{&Error{StatusCode: 401}, []error{ErrUnauthorized}},
		{&Error{StatusCode: 403}, []error{ErrForbidden}},
		{&Error{StatusCode: 404}, []error{ErrNotFound}},
		{&Error{StatusCode: 409}, []error{ErrConflict}},
		{&Error{StatusCode: 429}, []error{ErrRateLimited}},
		{&Error{StatusCode: 500}, []error{ErrServer}},
		{&Error{StatusCode: 503}, []error{ErrServer}},
		{&Error{StatusCode: 418}, nil},
		{&Error{Err: errors.New("reset")}, []error{ErrNetwork}},
		{&Error{Err: errors.New("reset"), Kind: ErrOutcomeUnknown}, []error{ErrNetwork, ErrOutcomeUnknown}},
		{&Error{StatusCode: 200, Err: fmt.Errorf("%w: x", ErrDecode)}, []error{ErrDecode}},
		{&Error{Message: "held back", Kind: ErrRateLimited}, []error{ErrRateLimited}},
		{&Error{StatusCode: 400, Kind: ErrConflict}, []error{ErrBadRequest, ErrConflict}},
		{&Error{}, nil},
	}
	for _, tc := range cases {
		for _, target := range all {
			want := false
			for _, w := range tc.want {
				want = want || w == target
			}
			if got := errors.Is(tc.e, target); got != want {
				t.Errorf("%#v: errors.Is(%v) = %v, want %v", tc.e, target, got, want)
			}
		}
	}
}

func TestUnwrapKindAndErr(t *testing.T) {
	vendorKind := errors.New("token quota")
	cause := &timeoutErr{}
	e := &Error{StatusCode: 429, Kind: vendorKind, Err: cause}
	wrapped := fmt.Errorf("sync: %w", e)
	if !errors.Is(wrapped, vendorKind) || !errors.Is(wrapped, ErrRateLimited) {
		t.Fatal("Kind or status class lost through wrapping")
	}
	var te *timeoutErr
	if !errors.As(wrapped, &te) || te != cause {
		t.Fatal("errors.As does not reach Err")
	}
	var got *Error
	if !errors.As(wrapped, &got) || got != e {
		t.Fatal("errors.As does not find *Error")
	}
	if len((&Error{}).Unwrap()) != 0 {
		t.Fatal("empty error unwraps to something")
	}
	ctxErr := &Error{Err: fmt.Errorf("get: %w", context.DeadlineExceeded)}
	if !errors.Is(ctxErr, context.DeadlineExceeded) {
		t.Fatal("context error not reachable")
	}
}

type timeoutErr struct{}

func (*timeoutErr) Error() string { return "i/o timeout" }

func TestTemporary(t *testing.T) {
	cases := map[*Error]bool{
		{StatusCode: 429}: true, {StatusCode: 502}: true, {StatusCode: 503}: true, {StatusCode: 504}: true,
		{StatusCode: 500}: false, {StatusCode: 400}: false, {StatusCode: 404}: false,
		{Err: errors.New("reset")}:                          true,
		{Err: errors.New("reset"), Kind: ErrOutcomeUnknown}: false,
	}
	for e, want := range cases {
		if e.Temporary() != want {
			t.Errorf("%#v Temporary = %v", e, !want)
		}
	}
}

func TestInputError(t *testing.T) {
	err := Invalid("sparetech", "ListParams.Limit", "must be 1..99, got %d", 120)
	if !errors.Is(err, ErrInvalidInput) || errors.Is(err, ErrBadRequest) {
		t.Fatal("classes")
	}
	if err.Error() != "sparetech: invalid ListParams.Limit: must be 1..99, got 120" {
		t.Fatal(err.Error())
	}
	if (&InputError{Reason: "empty"}).Error() != "invalid input: empty" {
		t.Fatal("no field form")
	}
}
