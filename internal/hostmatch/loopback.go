package hostmatch

import (
	"net"
	"strings"
)

// Loopback reports whether host (a URL's Hostname) is "localhost" or a
// loopback address. Other names under .localhost are not counted: whether
// they stay on the machine depends on the resolver, and a credential must
// not depend on that.
func Loopback(host string) bool {
	host = strings.Trim(strings.ToLower(host), "[]")
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
