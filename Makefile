GO ?= go
BIN := bin/pcii
DB ?= pcii.db

.PHONY: build run demo test bench fuzz screenshots clean

build:
	$(GO) build -o $(BIN) ./cmd/pcii

# run serves the registry at http://127.0.0.1:8080, building the demo
# region into $(DB) first when the file does not exist.
run: build
	test -f $(DB) || ./$(BIN) demo --db $(DB)
	./$(BIN) serve --db $(DB)

demo: build
	./$(BIN) demo --db $(DB)

test:
	$(GO) vet ./...
	$(GO) tool staticcheck ./...
	$(GO) test -race -timeout 30m ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# fuzz runs each fuzz target for a short time on top of its seed corpus.
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzDecodeValidateChart$$' -fuzztime 10s ./charts
	$(GO) test -run '^$$' -fuzz '^FuzzDiff$$' -fuzztime 10s ./charts
	$(GO) test -run '^$$' -fuzz '^FuzzBindJSON$$' -fuzztime 10s ./server

# screenshots builds the demo region and saves PNGs of the main pages.
screenshots:
	PCII_SCREENSHOTS=$(CURDIR)/docs/screenshots $(GO) test -run TestScreenshots -count=1 ./server/

clean:
	rm -rf bin
