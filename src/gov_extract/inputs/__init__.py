"""Read and clean: files of every supported format to `Source` records, bytes to text,
and a raw release to the text every offset refers to."""
