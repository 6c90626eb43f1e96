package io.opsbot.core.storage;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.convert.MappingContextTypeInformationMapper;
import org.springframework.data.convert.SimpleTypeInformationMapper;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.convert.DefaultMongoTypeMapper;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;

import java.util.List;

/**
 * How the core's documents are stored: class names in documents that survive a class moving to another package, and
 * writes that need not wait for the journal ({@link Unjournaled}).
 */
@Configuration(proxyBeanMethods = false)
public class StorageConfiguration {

    /** Boot builds the converter; this gives it a type mapper that also knows the {@link RenamedTypes}. */
    @Bean
    static BeanPostProcessor renamedTypesReader() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof MappingMongoConverter converter) {
                    converter.setTypeMapper(new DefaultMongoTypeMapper(DefaultMongoTypeMapper.DEFAULT_TYPE_KEY,
                            List.of(new RenamedTypes(),
                                    new MappingContextTypeInformationMapper(converter.getMappingContext()),
                                    new SimpleTypeInformationMapper())));
                }
                if (bean instanceof MongoTemplate template) {
                    template.setWriteConcernResolver(Unjournaled.resolver());
                }
                return bean;
            }
        };
    }
}
