package apierror

import (
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	cases := []struct {
		in, want string
	}{
		{`{"client_secret":"abc123","name":"pump"}`, `{"client_secret":"[REDACTED]","name":"pump"}`},
		{`{"password" : "p\"w\\d", "user":"bob"}`, `{"password" : "[REDACTED]", "user":"bob"}`},
		{`{"access_token":"t1","refresh_token":"r1","id_token":"i1","expires_in":3600}`, `{"access_token":"[REDACTED]","refresh_token":"[REDACTED]","id_token":"[REDACTED]","expires_in":3600}`},
		{`{"apiKey":"k","api_key":"k2","x-api-key":"k3","Authorization":"Bearer zzz"}`, `{"apiKey":"[REDACTED]","api_key":"[REDACTED]","x-api-key":"[REDACTED]","Authorization":"[REDACTED]"}`},
		{`{"credentials":{"secret":"s"},"pin_token":1234}`, `{"credentials":{"secret":"[REDACTED]"},"pin_token":"[REDACTED]"}`},
		{`grant_type=password&username=bob&password=hunter2&client_secret=cs`, `grant_type=password&username=bob&password=[REDACTED]&client_secret=[REDACTED]`},
		{`GET /x?token=abc&page=2`, `GET /x?token=[REDACTED]&page=2`},
		{`<login><user>bob</user><password>hunter2</password></login>`, `<login><user>bob</user><password>[REDACTED]</password></login>`},
		{"Authorization: Basic Ym9iOmh1bnRlcjI=\r\nHost: x", "Authorization: [REDACTED]\r\nHost: x"},
		{"x-access-token: abc.def", "x-access-token: [REDACTED]"},
		{`error: invalid bearer abcdef123456 given`, `error: invalid bearer [REDACTED] given`},
		{`the bearer token was rejected`, `the bearer token was rejected`},
		{`jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln expired`, `jwt [REDACTED] expired`},
		{`key ery_live_ABCdef123 is revoked; test key ery_test_x9`, `key [REDACTED] is revoked; test key [REDACTED]`},
		{`{"message":"Material 4711 not found","code":404}`, `{"message":"Material 4711 not found","code":404}`},
		{`{"login":{"user":"bob","pass":"x1"},"passphrase":"x2"}`, `{"login":{"user":"bob","pass":"[REDACTED]"},"passphrase":"[REDACTED]"}`},
	}
	for _, tc := range cases {
		if got := string(Redact([]byte(tc.in))); got != tc.want {
			t.Errorf("Redact(%s)\n got  %s\n want %s", tc.in, got, tc.want)
		}
	}
}

func TestRedactDoesNotModifyInput(t *testing.T) {
	in := []byte(`{"password":"x"}`)
	_ = Redact(in)
	if string(in) != `{"password":"x"}` {
		t.Fatal("input modified")
	}
	if RedactString(`password=x`) != `password=[REDACTED]` {
		t.Fatal("RedactString")
	}
}

func TestExcerptCapAndSecretAtCut(t *testing.T) {
	body := strings.Repeat("a", MaxExcerpt-20) + `,"password":"` + strings.Repeat("s", 100) + `"`
	ex := Excerpt([]byte(body))
	if len(ex) > MaxExcerpt {
		t.Fatalf("excerpt %d bytes", len(ex))
	}
	if strings.Contains(string(ex), "sss") {
		t.Fatal("secret straddling the cut leaked")
	}
	if got := Excerpt([]byte("short")); string(got) != "short" {
		t.Fatal(string(got))
	}
}

func FuzzRedact(f *testing.F) {
	f.Add([]byte(`{"client_secret":"abc","name":"x"}`), "abc")
	f.Add([]byte(`password=hunter2&user=bob`), "hunter2")
	f.Add([]byte(`Authorization: Bearer tok123456`), "tok123456")
	f.Add([]byte(`ery_live_key9`), "ery_live_key9")
	f.Fuzz(func(t *testing.T, body []byte, secret string) {
		out := Redact(body)
		if len(body) <= 2*MaxExcerpt {
			if ex := Excerpt(body); len(ex) > MaxExcerpt {
				t.Fatalf("excerpt of %d bytes", len(ex))
			}
		}
		// A JSON password field built around any secret never survives.
		if secret == "" || strings.ContainsAny(secret, "\"\\") {
			return
		}
		doc := append([]byte(`{"password":"`+secret+`",`), out...)
		if got := Redact(doc); !strings.HasPrefix(string(got), `{"password":"[REDACTED]",`) {
			t.Fatalf("password value %q survived: %q", secret, got)
		}
	})
}
