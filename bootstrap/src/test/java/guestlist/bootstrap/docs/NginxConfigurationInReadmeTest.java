package guestlist.bootstrap.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The nginx configuration the README recommends is the one {@code NginxIT} runs: the README shows
 * {@code docs/nginx.conf} as it is, in its only {@code nginx} code block.
 */
class NginxConfigurationInReadmeTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path CONFIGURATION = Path.of("..", "docs", "nginx.conf");

    @Test
    void theReadmeShowsDocsNginxConfAsItIs() throws Exception {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : Files.readAllLines(README)) {
            if (block == null && line.equals("```nginx")) {
                block = new StringBuilder();
            } else if (block != null && line.equals("```")) {
                blocks.add(block.toString());
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }

        assertThat(blocks).as("nginx code blocks in the README").hasSize(1);
        assertThat(blocks.get(0)).isEqualTo(Files.readString(CONFIGURATION));
    }
}
