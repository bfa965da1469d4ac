package main

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
)

// The C# generator of v3.206.0 downloads the NuGet package icon (the schema's logoUrl, else a Pulumi
// logo on raw.githubusercontent.com) while it generates. Generation must work offline and give the
// same bytes every time, so every HTTP request it makes is answered here with a plain 64×64 icon.
func init() {
	http.DefaultTransport = placeholderLogo{}
}

type placeholderLogo struct{}

func (placeholderLogo) RoundTrip(req *http.Request) (*http.Response, error) {
	icon := image.NewNRGBA(image.Rect(0, 0, 64, 64))
	for y := 0; y < 64; y++ {
		for x := 0; x < 64; x++ {
			icon.Set(x, y, color.NRGBA{R: 0xdd, G: 0x24, B: 0x76, A: 0xff})
		}
	}
	var body bytes.Buffer
	if err := png.Encode(&body, icon); err != nil {
		return nil, err
	}
	return &http.Response{
		StatusCode: http.StatusOK, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{"Content-Type": {"image/png"}}, Body: io.NopCloser(&body),
		ContentLength: int64(body.Len()), Request: req,
	}, nil
}
