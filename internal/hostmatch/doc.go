// Package hostmatch decides where a credential may go: whether a request is
// for the host a credential was configured for, and whether a host is on
// this machine (where plain http does not leave it).
//
// One definition serves every package that attaches a credential (auth's
// token transport, servicemobility's customer code, sparetech's legacy
// login), so that they cannot disagree.
package hostmatch
