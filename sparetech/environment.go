package sparetech

import "fmt"

// Environment is a SPARETECH deployment. Credentials are issued per
// organisation and per environment: sandbox credentials do not work in
// production and vice versa.
type Environment string

const (
	// Production is https://sync.sparetech.io (the default).
	Production Environment = "production"
	// Sandbox is https://sync.sandbox.sparetech.io, for trying an
	// integration with test data.
	Sandbox Environment = "sandbox"
)

// BaseURL is the environment's v1 root ("Available for all ERPs").
func (e Environment) BaseURL() string {
	switch e {
	case Production:
		return "https://sync.sparetech.io/v1"
	case Sandbox:
		return "https://sync.sandbox.sparetech.io/v1"
	}
	return ""
}

// BaseURLV2 is the environment's v2 root ("Made for SAP").
func (e Environment) BaseURLV2() string {
	switch e {
	case Production:
		return "https://sync.sparetech.io/v2"
	case Sandbox:
		return "https://sync.sandbox.sparetech.io/v2"
	}
	return ""
}

// String returns "production" or "sandbox".
func (e Environment) String() string { return string(e) }

func (e Environment) valid() error {
	if e.BaseURL() == "" {
		return fmt.Errorf("unknown environment %q (use Production or Sandbox)", string(e))
	}
	return nil
}
