package apierror

import (
	"strings"
	"testing"
)

func TestRedactValuesScrubsMessageAndBody(t *testing.T) {
	const secret = "hunter2-opaque"
	e := &Error{
		Message: "login refused: password " + secret + " is wrong",
		Body:    []byte(`{"message":"credential ` + secret + ` is not valid"}`),
	}
	e.RedactValues(secret, "", "ab")
	for _, s := range []string{e.Message, string(e.Body), e.Error()} {
		if strings.Contains(s, secret) {
			t.Fatalf("secret survived in %q", s)
		}
		if !strings.Contains(s, Redacted) {
			t.Fatalf("no redaction marker in %q", s)
		}
	}
	if !strings.Contains(e.Message, "is wrong") {
		t.Fatalf("message lost its text: %q", e.Message)
	}
}

func TestRedactValueStringIgnoresShortValues(t *testing.T) {
	got := RedactValueString("a pass of abc", "", "abc")
	if got != "a pass of abc" {
		t.Fatalf("short value redacted: %q", got)
	}
	if got := RedactValueString("client_secret=xyz123&id=1", "nothere"); strings.Contains(got, "xyz123") {
		t.Fatalf("pattern redaction skipped: %q", got)
	}
	var nilErr *Error
	nilErr.RedactValues("whatever") // must not panic
}

func TestRedactCustomerCode(t *testing.T) {
	for _, in := range []string{
		`GET /parts?customerid=17&customercode=CC-998877 failed`,
		`{"customerCode":"CC-998877","customerid":"17"}`,
		`customer_code=CC-998877&customerid=17`,
	} {
		got := RedactString(in)
		if strings.Contains(got, "CC-998877") || !strings.Contains(got, "17") {
			t.Errorf("RedactString(%q) = %q: want the code redacted and the id kept", in, got)
		}
	}
}
