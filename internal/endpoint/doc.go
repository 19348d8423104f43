// Package endpoint builds request URLs the way oapi-codegen's generated
// request builders build them, without their work on every call: a
// vendor package resolves its operations' paths once per client (Resolve)
// and appends each call's query as the builders encode it (Query). Each
// vendor's TestRequestsMatchGenerated and FuzzRequestMatchesGenerated hold
// its requests to the generated builders'.
package endpoint
