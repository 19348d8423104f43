package wire

import "github.com/partsync/partsync-go/internal/wiredecode"

// Customer is oapi.Customer with value fields. The struct names match the
// generated ones, so encoding/json names the same struct in its errors.
type Customer struct {
	CorporateIdentityNumber string            `json:"corporateIdentityNumber"`
	InvoiceEmail            wiredecode.String `json:"invoiceEmail"`
	Name                    string            `json:"name"`
	Number                  wiredecode.String `json:"number"`
	PostalAddress           *PostalAddress    `json:"postalAddress"`
}

// PostalAddress is oapi.PostalAddress with value fields.
type PostalAddress struct {
	Address1    wiredecode.String `json:"address1"`
	Address2    wiredecode.String `json:"address2"`
	Address3    wiredecode.String `json:"address3"`
	City        wiredecode.String `json:"city"`
	CountryCode wiredecode.String `json:"countryCode"`
	State       wiredecode.String `json:"state"`
	ZipCode     wiredecode.String `json:"zipCode"`
}

// CustomerPage is oapi.CustomerPage (the assumed list envelope) with value
// fields. Page is not used but checked, as the generated model checked it.
type CustomerPage struct {
	Items      []Customer       `json:"items"`
	Page       wiredecode.Int32 `json:"page"`
	PageSize   wiredecode.Int32 `json:"pageSize"`
	TotalCount wiredecode.Int32 `json:"totalCount"`
}
